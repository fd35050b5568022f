/** Shapes of stack traces by runtime; each needs a line that only a runtime prints, not prose about one. */
const TRACES: readonly { language: string; pattern: RegExp }[] = [
  { language: "Python", pattern: /Traceback \(most recent call last\)|^\s*File "[^"]+", line \d+, in /m },
  { language: "Java", pattern: /^\s*at [\w$.]+\([\w$]+\.(?:java|kt|scala|groovy):\d+\)|Exception in thread "|^\s*Caused by: [\w.$]+(?:Exception|Error)/m },
  { language: ".NET", pattern: /^\s*at [\w.`<>[\]]+\(.*\) in .+:line \d+/m },
  { language: "JavaScript", pattern: /^\s*at (?:[^\s()]+ )?\(?(?:[^\s()]+|<anonymous>):\d+:\d+\)?\s*$(?:\n\s*at .+){1,}/m },
  { language: "Go", pattern: /^goroutine \d+ \[[\w ]+\]:|^panic: .+\n/m },
  { language: "Rust", pattern: /thread '[^']*' panicked at|^stack backtrace:\s*$/m },
  { language: "Ruby", pattern: /^\s*(?:from )?[\w/.-]+\.rb:\d+:in [`'][^']+'/m },
  { language: "PHP", pattern: /Stack trace:\s*\n#0 |PHP Fatal error:/ },
  { language: "Dart", pattern: /^#\d+\s+\S.* \((?:package|dart|file):[^)]+:\d+(?::\d+)?\)\s*$/m },
  { language: "Android", pattern: /FATAL EXCEPTION: |^\s*[EF]\/AndroidRuntime\(/m },
  { language: "Swift", pattern: /Fatal error: .+: file .+, line \d+|^Thread \d+(?: Crashed)?:\s*$/m },
  { language: "Elixir", pattern: /^\s*\*\* \([A-Z][\w.]*(?:Error|Exception)\)/m },
  { language: "native", pattern: /^#\d+\s+0x[0-9a-f]+ in \S+|^\s*frame #\d+: 0x[0-9a-f]+|AddressSanitizer:|^\s*\d+\s+\S+\s+0x[0-9a-f]{8,16} \S+ \+ \d+$/m },
];

/** The runtime whose stack trace appears in `text`, or null. */
export function detectStackTrace(text: string): string | null {
  return TRACES.find((t) => t.pattern.test(text))?.language ?? null;
}
