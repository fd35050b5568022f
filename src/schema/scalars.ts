import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { exceedsJsonDepth } from "../inputs/json-depth";
import { LIMITS } from "../limits";
import { builder } from "./builder";

const literalChildren = (node: unknown) => {
  const value = node as ValueNode;
  if (value.kind === Kind.OBJECT) return value.fields.map((field) => field.value);
  if (value.kind === Kind.LIST) return value.values;
  return undefined;
};

/**
 * graphql-scalars' JSONObject, except that an inline literal is measured before its recursive parseLiteral
 * runs (on validation and again on execution). Variables need no such guard here: parseValue does not
 * recurse, and the zod schemas (capped-json-object.ts) measure every JSON input before anything else.
 * graphql-armor's token limit already keeps a literal under about 700 levels, which the parser survives.
 */
const JSONObject = new GraphQLScalarType({
  ...JSONObjectResolver.toConfig(),
  parseLiteral: (ast, variables) => {
    if (exceedsJsonDepth(ast, LIMITS.jsonDepth, literalChildren)) {
      throw new GraphQLError(`JSONObject values must nest objects and arrays at most ${LIMITS.jsonDepth} levels deep`, {
        nodes: ast,
        // As a zod refusal answers: INVALID_INPUT, 422 where the media type lets the status speak.
        extensions: { code: "INVALID_INPUT", http: { status: 422, spec: true } },
      });
    }
    return JSONObjectResolver.parseLiteral(ast, variables);
  },
});

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("JSONObject", JSONObject);
