using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <summary>A signature keeps the establishment's name and town as they were: a certificate does not change with a renaming.</summary>
    public partial class RatificationKeepsTheEstablishmentsName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EstablishmentName",
                table: "Ratifications",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EstablishmentTown",
                table: "Ratifications",
                type: "TEXT",
                maxLength: 80,
                nullable: false,
                defaultValue: "");

            // Signatures made before keep the name and town the establishment has now.
            migrationBuilder.Sql("""
                UPDATE "Ratifications" SET
                    "EstablishmentName" = (SELECT "Name" FROM "Establishments" e WHERE e."Id" = "Ratifications"."EstablishmentId"),
                    "EstablishmentTown" = (SELECT "Town" FROM "Establishments" e WHERE e."Id" = "Ratifications"."EstablishmentId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Ratifications" DROP COLUMN "EstablishmentName";""");
            migrationBuilder.Sql("""ALTER TABLE "Ratifications" DROP COLUMN "EstablishmentTown";""");
        }
    }
}
