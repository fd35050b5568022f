import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/weak-hash";

describe("security/weak-hash", () => {
  it.each([
    ["src/auth.js", ['const digest = crypto.createHash("md5").update(password).digest("hex");']],
    ["auth.py", ["hashed = hashlib.sha1(password.encode()).hexdigest()"]],
    ["auth.py", ["token_hash = hashlib.md5(token).hexdigest()"]],
    ["auth.go", ["\tsum := md5.Sum([]byte(password))"]],
    ["src/Auth.java", ['MessageDigest md = MessageDigest.getInstance("MD5");', "md.update(password.getBytes());"]],
    ["app/user.rb", ["user.set_password Digest::MD5.hexdigest pwtext"]],
    ["src/user.php", ["$pass = md5($value);"]],
    ["src/sign.php", ["$signature = hash('sha1', $payload . $secret);"]],
  ])("flags %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["src/etag.js", ["return createHash('md5').update(key).digest('hex');"], ["export function createEtag(key) {"]],
    ["cache.py", ["response['ETag'] = quote_etag(hashlib.md5(response.content).hexdigest())"], []],
    ["cache.py", ["key = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()"], []],
    ["files.go", ["\tsum := md5.Sum(data) // checksum of the uploaded file"], []],
    ["src/Auth.java", ['MessageDigest md = MessageDigest.getInstance("SHA-256");', "md.update(password.getBytes());"], []],
    ["app/blob.rb", ["checksum = Digest::MD5.file(path).hexdigest"], []],
    ["src/auth.js", ['const digest = crypto.createHash("sha256").update(password).digest("hex");'], []],
  ])("leaves alone %s: %s", (file, lines, context) => {
    expect(findingsFor(RULE, file, lines, context)).toEqual([]);
  });
});
