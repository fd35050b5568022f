import { describe, expect, it } from "vitest";
import { findingsFor } from "../snippet";

const RULE = "security/sql-injection";

describe("security/sql-injection", () => {
  it.each([
    ["app.py", ['cur.execute("SELECT * FROM users WHERE id = \'%s\'" % user_id)']],
    ["app.py", ['cur.execute(f"DELETE FROM {table} WHERE id = 1")']],
    ["app.py", ['q = "SELECT * FROM t WHERE name = \'{}\'".format(name)']],
    ["src/db.js", ['const rows = await db.query("SELECT * FROM users WHERE email = \'" + email + "\'");']],
    ["src/db.ts", ["await db.query(`SELECT * FROM users WHERE id = ${id}`);"]],
    ["db/q.go", ["\tq := fmt.Sprintf(\"SELECT * FROM foo WHERE name = '%s'\", name)"]],
    ["src/Dao.java", ['ResultSet rs = st.executeQuery("SELECT * FROM users WHERE name = \'" + name + "\'");']],
    ["src/Dao.java", ['String sql = String.format("SELECT * FROM accounts WHERE id = \'%s\'", id);']],
    ["src/db.php", ["$query = \"SELECT * FROM users WHERE id = '$id'\";"]],
    ["src/db.php", ["$query = \"SELECT * FROM users WHERE id = '\" . $_GET['id'] . \"'\";"]],
    ["lib/db.rb", ['db.execute("SELECT * FROM users WHERE name = \'#{name}\'")']],
  ])("flags %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toHaveLength(1);
  });

  it("follows `+=` onto a variable that holds SQL", () => {
    expect(findingsFor(RULE, "src/db.js", ["query += req.query.age;"], ['let query = "SELECT name FROM users WHERE age=";'])).toHaveLength(1);
  });

  it.each([
    ["app.py", ['cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))']],
    ["app.py", ['query = f"SELECT * FROM {table} WHERE id = :id"']],
    ["app.py", ['print("delete from the cache as the first argument")']],
    ["app.py", ['choices = [("server_list", _("Select from active instances"))]']],
    ["src/db.js", ['client.query("INSERT INTO users(name, email) VALUES($1, $2)", [name, email]);']],
    ["src/db.js", ['client.query("SELECT name FROM users WHERE age=" + "3");']],
    ["src/db.ts", ["const rows = await db.execute(sql`SELECT * FROM users WHERE id = ${id}`);"]],
    ["db/q.go", ['\tstmt, err := db.Prepare("SELECT * FROM album WHERE id = ?")']],
    ["db/q.go", ['\tq := fmt.Sprintf("SELECT * FROM foo WHERE id = %d", id)']],
    ["src/Dao.java", ['PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE username = ?");']],
    ["src/db.php", ["$stmt = $pdo->prepare('SELECT * FROM users WHERE id = :id');"]],
    ["src/db.php", ["$query = 'SELECT * FROM table WHERE Id = 1';"]],
  ])("leaves alone %s: %s", (file, lines) => {
    expect(findingsFor(RULE, file, lines)).toEqual([]);
  });
});
