// The analysis reads files exactly as GitHub's REST files API lists them; the one schema lives with the GitHub client.
export { changedFile as changedFileSchema, type ChangedFile } from "../../github/changed-file";
