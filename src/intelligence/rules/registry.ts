import type { ChangedFile } from "../analysis/changed-file";
import type { FileLanguage } from "../analysis/language";
import type { ParsedPatch } from "../analysis/parse-patch";
import type { ResolvedOptions } from "../analysis/resolve-options";
import type { Rule, RuleHit } from "./rule";
import { commandInjectionRule } from "./security/command-injection";
import { evalRule } from "./security/eval";
import { sqlInjectionRule } from "./security/sql-injection";
import { tlsVerificationRule } from "./security/tls-verification";
import { weakHashRule } from "./security/weak-hash";
import { xssRule } from "./security/xss";
import { hardcodedSecretRule } from "./secrets/hardcoded-secret";
import { todoRule } from "./quality/todo";
import { debugOutputRule } from "./quality/debug-output";
import { functionRules } from "./complexity/function-rules";
import { largeFileRule } from "./quality/large-file";
import { missingTestsRule } from "./quality/missing-tests";

/** A changed file with what the engine already knows about it. */
export interface FileFacts {
  file: ChangedFile;
  language: FileLanguage | null;
  patch: ParsedPatch;
}

export interface FileRule {
  id: string;
  check(facts: FileFacts, options: ResolvedOptions): RuleHit[];
}

/** Rules about the change as a whole (no line to point at: their findings have line 0). */
export interface ChangeRule {
  id: string;
  check(files: FileFacts[], options: ResolvedOptions): RuleHit[];
}

/** The one list of hunk rules; the rule ids in docs/intelligence.md follow it. */
export const HUNK_RULES: Rule[] = [
  hardcodedSecretRule,
  evalRule,
  commandInjectionRule,
  sqlInjectionRule,
  xssRule,
  tlsVerificationRule,
  weakHashRule,
  todoRule,
  debugOutputRule,
  functionRules,
];

export const FILE_RULES: FileRule[] = [largeFileRule];

export const CHANGE_RULES: ChangeRule[] = [missingTestsRule];
