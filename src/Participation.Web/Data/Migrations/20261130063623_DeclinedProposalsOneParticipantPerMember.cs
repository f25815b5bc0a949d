using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeclinedProposalsOneParticipantPerMember : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Proposals refused before they were ever published become « écartée », which nobody else sees.
            migrationBuilder.Sql("""
                UPDATE Proposals SET Status = 8
                WHERE Status = 6 AND NOT EXISTS (SELECT 1 FROM ProposalEvents e WHERE e.ProposalId = Proposals.Id AND e.ToStatus = 1);
                UPDATE ProposalEvents SET ToStatus = 8 WHERE FromStatus = 0 AND ToStatus = 6;
                """);
            // A member counted twice in one session keeps the first participant; later ones keep their votes, unlinked.
            migrationBuilder.Sql("""
                UPDATE Participants SET MemberId = NULL
                WHERE MemberId IS NOT NULL AND Id NOT IN (SELECT MIN(Id) FROM Participants WHERE MemberId IS NOT NULL GROUP BY SessionId, MemberId);
                """);

            migrationBuilder.DropIndex(
                name: "IX_Participants_SessionId_MemberId",
                table: "Participants");

            migrationBuilder.CreateIndex(
                name: "IX_Participants_SessionId_MemberId",
                table: "Participants",
                columns: new[] { "SessionId", "MemberId" },
                unique: true,
                filter: "MemberId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE Proposals SET Status = 6 WHERE Status = 8;
                UPDATE ProposalEvents SET ToStatus = 6 WHERE ToStatus = 8;
                """);

            migrationBuilder.DropIndex(
                name: "IX_Participants_SessionId_MemberId",
                table: "Participants");

            migrationBuilder.CreateIndex(
                name: "IX_Participants_SessionId_MemberId",
                table: "Participants",
                columns: new[] { "SessionId", "MemberId" });
        }
    }
}
