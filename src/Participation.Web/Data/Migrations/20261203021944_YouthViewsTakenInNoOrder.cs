using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <summary>
    /// A young person's yearly view keeps no account, and neither its age band nor the table saying
    /// who answered may give it back. In an ordinary SQLite table the hidden row number follows the
    /// order of writing, the same as the views'; without a row number, the rows are kept in the
    /// order of their key, that is by account.
    /// </summary>
    public partial class YouthViewsTakenInNoOrder : Migration
    {
        private static void Rebuild(MigrationBuilder migrationBuilder, string rowOrder) =>
            migrationBuilder.Sql($"""
                CREATE TABLE "YouthViewsTaken_rebuilt" (
                    "EstablishmentId" INTEGER NOT NULL,
                    "Year" INTEGER NOT NULL,
                    "MemberId" TEXT NOT NULL,
                    CONSTRAINT "PK_YouthViewsTaken" PRIMARY KEY ("EstablishmentId", "Year", "MemberId"),
                    CONSTRAINT "FK_YouthViewsTaken_AspNetUsers_MemberId" FOREIGN KEY ("MemberId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
                ){rowOrder};
                INSERT INTO "YouthViewsTaken_rebuilt" ("EstablishmentId", "Year", "MemberId")
                    SELECT "EstablishmentId", "Year", "MemberId" FROM "YouthViewsTaken" ORDER BY "MemberId";
                DROP TABLE "YouthViewsTaken";
                ALTER TABLE "YouthViewsTaken_rebuilt" RENAME TO "YouthViewsTaken";
                CREATE INDEX "IX_YouthViewsTaken_MemberId" ON "YouthViewsTaken" ("MemberId");
                """);

        // SQLite drops a column itself: no rebuild of the table, no foreign keys turned off.
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, " WITHOUT ROWID");
            migrationBuilder.Sql("""ALTER TABLE "YouthViews" DROP COLUMN "Band";""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, "");
            migrationBuilder.Sql("""ALTER TABLE "YouthViews" ADD COLUMN "Band" TEXT NULL;""");
        }
    }
}
