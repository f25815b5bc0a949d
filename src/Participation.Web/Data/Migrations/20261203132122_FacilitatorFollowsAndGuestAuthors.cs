using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FacilitatorFollowsAndGuestAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsGuest",
                table: "ProposalAuthors",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FollowedEstablishments",
                columns: table => new
                {
                    FacilitatorId = table.Column<string>(type: "TEXT", nullable: false),
                    EstablishmentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowedEstablishments", x => new { x.FacilitatorId, x.EstablishmentId });
                    table.ForeignKey(
                        name: "FK_FollowedEstablishments_AspNetUsers_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowedEstablishments_Establishments_EstablishmentId",
                        column: x => x.EstablishmentId,
                        principalTable: "Establishments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowedEstablishments_EstablishmentId",
                table: "FollowedEstablishments",
                column: "EstablishmentId");

            // Proposals already retained from a guest's idea: marked as such, and their first step no longer names the guest.
            migrationBuilder.Sql("""
                UPDATE ProposalAuthors SET IsGuest = 1
                WHERE MemberId IS NULL AND ProposalId IN (
                    SELECT i.ProposalId FROM Ideas i JOIN Participants pa ON pa.Id = i.ParticipantId
                    WHERE pa.IsGuest = 1 AND i.ProposalId IS NOT NULL);
                UPDATE ProposalEvents SET ActorLabel = 'un·e jeune invité·e'
                WHERE Kind = 0 AND ProposalId IN (SELECT ProposalId FROM ProposalAuthors WHERE IsGuest = 1);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowedEstablishments");

            migrationBuilder.DropColumn(
                name: "IsGuest",
                table: "ProposalAuthors");
        }
    }
}
