/**
 * Which repository a GitHub call is about and as whom it is made: the installation whose token is used,
 * and the delivery being handled, logged with every failure for correlation.
 */
export interface RepositoryRef {
  installationId: number;
  deliveryId: string;
  owner: string;
  name: string;
}

/** "owner/name", as error messages and logs name a repository. */
export const repositoryName = (ref: Pick<RepositoryRef, "owner" | "name">) => `${ref.owner}/${ref.name}`;
