using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TestimonySafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Testimonies_WithdrawalCodeHash",
                table: "Testimonies");

            migrationBuilder.AlterColumn<string>(
                name: "CollectedById",
                table: "Testimonies",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<bool>(
                name: "GuardianNeeded",
                table: "Testimonies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_WithdrawalCodeHash",
                table: "Testimonies",
                column: "WithdrawalCodeHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Testimonies_WithdrawalCodeHash",
                table: "Testimonies");

            migrationBuilder.DropColumn(
                name: "GuardianNeeded",
                table: "Testimonies");

            migrationBuilder.AlterColumn<string>(
                name: "CollectedById",
                table: "Testimonies",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_WithdrawalCodeHash",
                table: "Testimonies",
                column: "WithdrawalCodeHash",
                unique: true);
        }
    }
}
