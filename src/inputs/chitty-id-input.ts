import { z } from "zod";
import { isChittyId, opaqueChittyId, type ChittyIdType } from "../ecosystem/chitty-id";

const LOCAL_PREFIX = /^CHITTY-[A-Z]+-/;

/**
 * An id argument naming an entity of `type`. The ChittyID authority's ids are opaque (its canonical form is
 * `VV-G-LLL-SSSS-T-YM-C-X`, but any id it mints is accepted), so the local `CHITTY-{TYPE}-{uuid}` shape is never
 * required; an id in the local form must name the right type, and anything that could never be an id (spaces,
 * slashes, control characters, over 200 characters) is refused.
 */
export function chittyIdInput(type: ChittyIdType, message: string) {
  return z.string().refine((id) => opaqueChittyId.safeParse(id).success && (!LOCAL_PREFIX.test(id) || isChittyId(id, type)), message);
}
