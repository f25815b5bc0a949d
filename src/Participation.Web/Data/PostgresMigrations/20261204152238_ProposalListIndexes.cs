using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class ProposalListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_CreatedAt",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_ProposalPlanLinks_PlanNodeId",
                table: "ProposalPlanLinks");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_CreatedAt",
                table: "Proposals",
                column: "CreatedAt")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "Status", "Channel", "Themes", "AgeBands", "HeldForSafety" });

            migrationBuilder.CreateIndex(
                name: "IX_ProposalPlanLinks_PlanNodeId",
                table: "ProposalPlanLinks",
                column: "PlanNodeId")
                .Annotation("Npgsql:IndexInclude", new[] { "ProposalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Proposals_CreatedAt",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_ProposalPlanLinks_PlanNodeId",
                table: "ProposalPlanLinks");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_CreatedAt",
                table: "Proposals",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalPlanLinks_PlanNodeId",
                table: "ProposalPlanLinks",
                column: "PlanNodeId");
        }
    }
}
