import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/tls-verification-disabled";

describe("security/tls-verification-disabled", () => {
  it.each([
    ["src/db.js", ["  ssl: { rejectUnauthorized: false },"]],
    ["src/boot.ts", ['process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";']],
    ["src/http.js", ["https.globalAgent.options.rejectUnauthorized = false;"]],
    ["app.py", ["requests.get(url, verify=False)"]],
    ["app.py", ["ctx = ssl._create_unverified_context()"]],
    ["app.py", ["ctx.verify_mode = ssl.CERT_NONE"]],
    ["net.go", ["\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},"]],
    ["lib/http.rb", ["http.verify_mode = OpenSSL::SSL::VERIFY_NONE"]],
    ["src/http.php", ["curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);"]],
    ["src/http.php", ["$client = new Client(['verify' => false]);"]],
    ["src/Trust.java", ["    public void checkServerTrusted(X509Certificate[] chain, String authType) {", "    }"]],
  ])("flags %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toHaveLength(1);
  });

  it.each([
    ["src/db.js", ["  ssl: { rejectUnauthorized: true },"]],
    ["src/db.js", ["// ssl: { rejectUnauthorized: false },"]],
    ["src/boot.ts", ['process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";']],
    ["app.py", ["requests.get(url, verify=True)"]],
    ["app.py", ["ctx = ssl.create_default_context()"]],
    ["net.go", ["\t\tTLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS13},"]],
    ["lib/http.rb", ["http.verify_mode = OpenSSL::SSL::VERIFY_PEER"]],
    ["src/http.php", ["curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);"]],
    ["docs/tls.md", ["Set `rejectUnauthorized: false` only for local testing."]],
    ["src/Trust.java", ["    public void checkServerTrusted(X509Certificate[] chain, String authType) {", "        delegate.checkServerTrusted(chain, authType);", "    }"]],
  ])("leaves alone %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toEqual([]);
  });
});
