import { z } from "zod";

const GITHUB_ID = /^[1-9][0-9]{0,15}$/;
const INSTALLATION_CHITTY_ID = /^CHITTY-CONTEXT-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An installation is addressed by GitHub's numeric id or by its ChittyID. */
export const installationRef = z
  .string()
  .trim()
  .refine((id) => GITHUB_ID.test(id) || INSTALLATION_CHITTY_ID.test(id), {
    message: "id must be a GitHub installation id (digits) or the installation's ChittyID (CHITTY-CONTEXT-{uuid})",
  });

export const isGitHubId = (id: string) => GITHUB_ID.test(id);
