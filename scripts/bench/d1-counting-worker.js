// The gateway as `npm run bench`'s subscription measure serves it: the same Worker, with every D1 call it makes
// counted by the kind of request that made it, and the counts at GET /__bench/d1. Bench code only: the product
// never branches on being measured.
import worker from "../../src/index.development";

const EXECUTE = new Set(["all", "raw", "run", "first"]);
/** kind -> { roundTrips, statements } */
const counts = {};
const unwrapped = new WeakMap();

function tally(kind, statements) {
  const entry = (counts[kind] ??= { roundTrips: 0, statements: 0 });
  entry.roundTrips++;
  entry.statements += statements;
}

function countingStatement(statement, kind) {
  const proxy = new Proxy(statement, {
    get(target, prop) {
      if (prop === "bind") return (...args) => countingStatement(target.bind(...args), kind);
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (EXECUTE.has(prop)) {
        return (...args) => {
          tally(kind, 1);
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
  unwrapped.set(proxy, statement);
  return proxy;
}

function countingD1(db, kind) {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql) => countingStatement(target.prepare(sql), kind);
      if (prop === "batch") {
        return (statements) => {
          tally(kind, statements.length);
          return target.batch(statements.map((s) => unwrapped.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const withCountingD1 = (env, kind) => new Proxy(env, { get: (target, prop) => (prop === "DB" ? countingD1(target.DB, kind) : Reflect.get(target, prop)) });

export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__bench/d1") return Response.json(counts);
    // Streams are the subscription cost (their poll cycles run in their own requests); everything else is load.
    const kind = (request.headers.get("accept") ?? "").includes("text/event-stream") ? "streams" : "requests";
    return worker.fetch(request, withCountingD1(env, kind), ctx);
  },
  queue: (batch, env, ctx) => worker.queue(batch, withCountingD1(env, "queue"), ctx),
  scheduled: (controller, env, ctx) => worker.scheduled(controller, withCountingD1(env, "scheduled"), ctx),
};
