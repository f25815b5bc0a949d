using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <summary>
    /// A practice's grounds belong to the practice of one version, not to its key across versions:
    /// linking a voice to a draft no longer changes what an adopted, signed version shows. Each
    /// ground by key becomes one ground for each version's practice under that key. The table is
    /// rebuilt here in one transaction rather than by EF's rebuild, which turns foreign keys off.
    /// </summary>
    public partial class PracticeGroundsPerVersion : Migration
    {
        private static void Rebuild(MigrationBuilder migrationBuilder, string column, string foreignKey, string copy) =>
            migrationBuilder.Sql($"""
                CREATE TABLE "PracticeGrounds_rebuilt" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_PracticeGrounds" PRIMARY KEY AUTOINCREMENT,
                    "{column}" INTEGER NOT NULL,
                    "Kind" TEXT NOT NULL,
                    "SourceId" INTEGER NOT NULL{foreignKey}
                );
                INSERT INTO "PracticeGrounds_rebuilt" ("{column}", "Kind", "SourceId") {copy};
                DROP TABLE "PracticeGrounds";
                ALTER TABLE "PracticeGrounds_rebuilt" RENAME TO "PracticeGrounds";
                CREATE INDEX "IX_PracticeGrounds_Kind_SourceId" ON "PracticeGrounds" ("Kind", "SourceId");
                CREATE UNIQUE INDEX "IX_PracticeGrounds_{column}_Kind_SourceId" ON "PracticeGrounds" ("{column}", "Kind", "SourceId");
                """);

        protected override void Up(MigrationBuilder migrationBuilder) =>
            Rebuild(migrationBuilder, "PracticeId",
                """
                ,
                    CONSTRAINT "FK_PracticeGrounds_CharterPractices_PracticeId" FOREIGN KEY ("PracticeId") REFERENCES "CharterPractices" ("Id") ON DELETE CASCADE
                """,
                """SELECT p."Id", g."Kind", g."SourceId" FROM "PracticeGrounds" g JOIN "CharterPractices" p ON p."Key" = g."PracticeKey" """);

        protected override void Down(MigrationBuilder migrationBuilder) =>
            Rebuild(migrationBuilder, "PracticeKey", "",
                """SELECT DISTINCT p."Key", g."Kind", g."SourceId" FROM "PracticeGrounds" g JOIN "CharterPractices" p ON p."Id" = g."PracticeId" """);
    }
}
