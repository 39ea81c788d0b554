import Kinerja
import Postgres
import Testing
import TestSupport

@Suite("Session settings")
struct SessionSettingsTests {
    @Test("every kinerja session runs with JIT off; options already given are kept")
    func sessionSettingsAreAdded() throws {
        let url = try DatabaseTarget.addingSessionSettings(to: "postgresql://u@/kinerja?host=/tmp&options=-c%20role%3Dkinerja_reader")
        let options = try PostgresConninfo.parse(url)
        #expect(options["options"] == "-c role=kinerja_reader -c jit=off")
        #expect(options["dbname"] == "kinerja")
        let given = try PostgresConninfo.parse(try DatabaseTarget.addingSessionSettings(to: "dbname=x options='-c jit=on'"))
        #expect(given["options"] == "-c jit=on")
        let database = try TestDatabase(suite: "session_settings")
        let db = try PostgresConnection.connect(try DatabaseTarget.addingSessionSettings(to: database.conninfo))
        defer { db.close() }
        #expect(try db.query("SHOW jit").scalar(String.self) == "off")
    }
}
