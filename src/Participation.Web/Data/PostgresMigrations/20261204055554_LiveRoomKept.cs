using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class LiveRoomKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HandRaisedAt",
                table: "Participants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientKey",
                table: "Ideas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResultPollId",
                table: "CouncilSessions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResultRevealed",
                table: "CouncilSessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TimerEndsAt",
                table: "CouncilSessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_ParticipantId_ClientKey",
                table: "Ideas",
                columns: new[] { "ParticipantId", "ClientKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Ideas_ParticipantId_ClientKey",
                table: "Ideas");

            migrationBuilder.DropColumn(
                name: "HandRaisedAt",
                table: "Participants");

            migrationBuilder.DropColumn(
                name: "ClientKey",
                table: "Ideas");

            migrationBuilder.DropColumn(
                name: "ResultPollId",
                table: "CouncilSessions");

            migrationBuilder.DropColumn(
                name: "ResultRevealed",
                table: "CouncilSessions");

            migrationBuilder.DropColumn(
                name: "TimerEndsAt",
                table: "CouncilSessions");
        }
    }
}
