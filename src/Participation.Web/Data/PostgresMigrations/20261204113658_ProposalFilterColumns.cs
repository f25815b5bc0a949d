using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ProposalFilterColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Filters",
                table: "Proposals",
                column: "Id")
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "Channel", "Themes", "AgeBands", "HeldForSafety", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_Filters",
                table: "Proposals");
        }
    }
}
