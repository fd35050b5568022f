import type { RepositoryRef } from "../../github/repository-ref";
import type { TriageMessage } from "./triage-message";

/** The repository a job is about, as GitHub calls need it; the job id stands in for the delivery id in logs. */
export function repositoryRefOf(message: TriageMessage): RepositoryRef {
  const { fullName, installationId } = message.repository;
  const slash = fullName.indexOf("/");
  return { installationId, deliveryId: message.jobId, owner: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
}
