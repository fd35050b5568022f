import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/command-injection";

describe("security/command-injection", () => {
  it.each([
    ["src/a.js", ["exec(`git log ${branch}`, cb);"]],
    ["src/a.ts", ["execSync('rm -rf ' + dir);"]],
    ["src/a.js", ["spawn(`convert ${file}`, { shell: true });"]],
    ["app.py", ['os.system(f"tar xzf {archive}")']],
    ["app.py", ['subprocess.run("grep {} .".format(term), shell=True)']],
    ["app.py", ['subprocess.call("ls " + path, shell=True)']],
    ["main.go", ['\tout, err := exec.Command("sh", "-c", "ls "+dir).Output()']],
    ["main.go", ['\tcmd := exec.Command("bash", "-c", fmt.Sprintf("tar -xf %s", name))']],
    ["lib/a.rb", ['system("tar xzf #{archive}")']],
    ["lib/a.rb", ["out = `ls #{dir}`"]],
    ["src/a.php", ["$out = shell_exec($cmd);"]],
    ["src/a.php", ['system("ls " . $dir);']],
    ["src/A.java", ['Runtime.getRuntime().exec("ping " + host);']],
    ["src/A.java", ['r.exec("bash", "-c", input);']],
  ])("flags %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toHaveLength(1);
  });

  it("follows a command variable built on an earlier line of the hunk", () => {
    expect(findingsFor(RULE, "main.go", ['\tline := "ls " + dir', '\tcmd := exec.Command("sh", "-c", line)'])).toHaveLength(1);
  });

  it.each([
    ["src/a.js", ["exec('ls -la', cb);"]],
    ["src/a.js", ["execFile('git', ['log', branch]);"]],
    ["src/a.js", ["const m = pattern.exec(line);"]],
    ["app.py", ["subprocess.run(['grep', term, '.'])"]],
    ["app.py", ["subprocess.call('/bin/ls -l', shell=True)"]],
    ["app.py", ['subprocess.call("grep -R {} .".format(sys.argv[1]))', "", "subprocess.call(\"echo 'hello'\", shell=True)"]],
    ["app.py", ["os.system('/bin/echo hi')"]],
    ["main.go", ['\tcmd := exec.Command("git", "rev-parse", "--show-toplevel")']],
    ["main.go", ['\tcmd := exec.Command("/bin/sh", "-c", "ls -l")']],
    ["lib/a.rb", ['system("ls -lah /tmp")']],
    ["lib/a.rb", ['exec(["ls", "-lah", "/tmp"])']],
    ["src/a.php", ["exec('whoami');"]],
    ["src/a.php", ["$pdo->exec($sql);"]],
    ["src/A.java", ['r.exec("echo blah");']],
  ])("leaves alone %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toEqual([]);
  });
});
