import { builder } from "./builder";
import "./scalars";
import "./node";
import "./ecosystem-service";
import "./actor";
import "./dna-record";
import "./chronicle-event";
import "./timeline-subscription";
import "./delivery-subscription";
import "./connection-status-subscription";
import "./changes";
import "./context";
import "./api-key";
import "./service-connection";
import "./connection-health";
import "./delegation";
import "./installation";
import "./delivery";
import "./delivery-operations";
import "./auth-failure";
import "./repository";
import "./pull-request";
import "./pull-request-analysis";
import "./pull-request-analysis-subscription";
import "./issue-triage";
import "./repository-context";

/** The whole graph; importing a type file registers its fields on the builder. */
export const schema = builder.toSchema({ sortSchema: true });
