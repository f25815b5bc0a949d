using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PeerNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PeerCircles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    General = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerCircles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeerMutes",
                columns: table => new
                {
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    MutedId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerMutes", x => new { x.MemberId, x.MutedId });
                    table.ForeignKey(
                        name: "FK_PeerMutes_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerMutes_AspNetUsers_MutedId",
                        column: x => x.MutedId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerProfiles",
                columns: table => new
                {
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    RulesVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RulesAcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HelperSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HelperTraining = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    HelperGrantedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerProfiles", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_PeerProfiles_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CircleId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Hold = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HeldForSafety = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModeratedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Resources = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Replies = table.Column<int>(type: "INTEGER", nullable: false),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerPosts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerPosts_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerPosts_PeerCircles_CircleId",
                        column: x => x.CircleId,
                        principalTable: "PeerCircles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerPosts_PeerPosts_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "PeerPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CircleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProposedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    FromThreadId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PollId = table.Column<int>(type: "INTEGER", nullable: true),
                    VotesFor = table.Column<int>(type: "INTEGER", nullable: true),
                    VotesAgainst = table.Column<int>(type: "INTEGER", nullable: true),
                    VotesRevise = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Carriers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerActions_PeerCircles_CircleId",
                        column: x => x.CircleId,
                        principalTable: "PeerCircles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerActions_PeerPosts_FromThreadId",
                        column: x => x.FromThreadId,
                        principalTable: "PeerPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PeerActions_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PeerModerationLog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ToldAuthor = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerModerationLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerModerationLog_PeerPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "PeerPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerReactions",
                columns: table => new
                {
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerReactions", x => new { x.PostId, x.MemberId, x.Kind });
                    table.ForeignKey(
                        name: "FK_PeerReactions_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerReactions_PeerPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "PeerPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandledById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerReports_AspNetUsers_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerReports_PeerPosts_PostId",
                        column: x => x.PostId,
                        principalTable: "PeerPosts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PeerActions_CircleId",
                table: "PeerActions",
                column: "CircleId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerActions_FromThreadId",
                table: "PeerActions",
                column: "FromThreadId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerActions_PollId",
                table: "PeerActions",
                column: "PollId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerActions_Status",
                table: "PeerActions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PeerCircles_Slug",
                table: "PeerCircles",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerModerationLog_At",
                table: "PeerModerationLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_PeerModerationLog_PostId",
                table: "PeerModerationLog",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerMutes_MutedId",
                table: "PeerMutes",
                column: "MutedId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerPosts_AuthorId",
                table: "PeerPosts",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerPosts_CircleId_ThreadId_Status_LastActivityAt",
                table: "PeerPosts",
                columns: new[] { "CircleId", "ThreadId", "Status", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerPosts_Status_CreatedAt",
                table: "PeerPosts",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerPosts_ThreadId_Status_CreatedAt",
                table: "PeerPosts",
                columns: new[] { "ThreadId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerReactions_MemberId",
                table: "PeerReactions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerReports_HandledAt_CreatedAt",
                table: "PeerReports",
                columns: new[] { "HandledAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerReports_PostId_ReporterId",
                table: "PeerReports",
                columns: new[] { "PostId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerReports_ReporterId",
                table: "PeerReports",
                column: "ReporterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PeerActions");

            migrationBuilder.DropTable(
                name: "PeerModerationLog");

            migrationBuilder.DropTable(
                name: "PeerMutes");

            migrationBuilder.DropTable(
                name: "PeerProfiles");

            migrationBuilder.DropTable(
                name: "PeerReactions");

            migrationBuilder.DropTable(
                name: "PeerReports");

            migrationBuilder.DropTable(
                name: "PeerPosts");

            migrationBuilder.DropTable(
                name: "PeerCircles");
        }
    }
}
