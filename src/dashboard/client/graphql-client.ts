export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export class GraphQLFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One query with the user's key; throws GraphQLFailure with the first error's code. */
export async function query<T>(key: string, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query: document, variables }),
  });
  if (response.status === 401) throw new GraphQLFailure("UNAUTHORIZED", "The key was refused");
  const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
  const error = body.errors?.[0];
  if (error) throw new GraphQLFailure(error.extensions?.code ?? "ERROR", error.message);
  return body.data as T;
}
