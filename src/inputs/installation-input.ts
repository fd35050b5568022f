import { z } from "zod";
import { chittyIdInput } from "./chitty-id-input";

const GITHUB_ID = /^[1-9][0-9]{0,15}$/;
// The scope files installations under ChittyID's CONTEXT type; the authority's ids are opaque.
const installationChittyId = chittyIdInput("CONTEXT", "not an installation ChittyID");

/** An installation is addressed by GitHub's numeric id or by its ChittyID. */
export const installationRef = z
  .string()
  .trim()
  .refine((id) => (/^\d+$/.test(id) ? GITHUB_ID.test(id) : installationChittyId.safeParse(id).success), {
    message: "id must be a GitHub installation id (digits) or the installation's ChittyID",
  });

export const isGitHubId = (id: string) => GITHUB_ID.test(id);
