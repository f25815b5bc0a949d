using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProposalDonePhoto : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhotoAlt",
                table: "ProposalEvents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhotoFile",
                table: "ProposalEvents",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PhotoHeight",
                table: "ProposalEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PhotoWidth",
                table: "ProposalEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalEvents_PhotoFile",
                table: "ProposalEvents",
                column: "PhotoFile",
                unique: true,
                filter: "PhotoFile IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProposalEvents_PhotoFile",
                table: "ProposalEvents");

            migrationBuilder.DropColumn(
                name: "PhotoAlt",
                table: "ProposalEvents");

            migrationBuilder.DropColumn(
                name: "PhotoFile",
                table: "ProposalEvents");

            migrationBuilder.DropColumn(
                name: "PhotoHeight",
                table: "ProposalEvents");

            migrationBuilder.DropColumn(
                name: "PhotoWidth",
                table: "ProposalEvents");
        }
    }
}
