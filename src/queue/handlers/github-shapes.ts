import { z } from "zod";

/** The repository object every repository event carries; only the fields the handlers use. */
export const repositoryShape = z.object({
  id: z.number().int().positive(),
  node_id: z.string().min(1),
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  private: z.boolean(),
});

/** Who did it, as GitHub names them (absent for some automated events). */
export const senderShape = z.object({ login: z.string() }).optional();

/** Pull requests and issues carry this much installation; full installation events carry more. */
export const installationRef = z.object({ id: z.number().int().positive() });
