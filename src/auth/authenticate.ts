import { UnauthorizedError } from "../errors";
import { SYSTEM_ACTOR_ID, type Actor } from "./actor";
import { constantTimeEqual } from "./constant-time-equal";

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/;

/** Resolves the request's bearer credential to an actor, or throws 401 before anything runs. */
export async function authenticate(request: Request, env: Env): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (!header) throw new UnauthorizedError();
  const match = BEARER.exec(header);
  if (!match) throw new UnauthorizedError("The Authorization header must be `Bearer <credential>`");
  const credential = match[1]!;

  const adminKey = env.CHITTYCONNECT_ADMIN_KEY;
  if (adminKey && (await constantTimeEqual(credential, adminKey))) {
    return { id: SYSTEM_ACTOR_ID, type: "system", capabilities: ["*"], credential: "admin-key" };
  }
  throw new UnauthorizedError("The bearer credential is not valid");
}
