using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Participation.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Testimonies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Theme = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AgeBands = table.Column<int>(type: "INTEGER", nullable: false),
                    Parents = table.Column<bool>(type: "INTEGER", nullable: false),
                    Professionals = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MediaDeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Testimonies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WithdrawalCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Speaker = table.Column<int>(type: "INTEGER", nullable: false),
                    AgeBand = table.Column<int>(type: "INTEGER", nullable: true),
                    MemberId = table.Column<string>(type: "TEXT", nullable: true),
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    CollectedById = table.Column<string>(type: "TEXT", nullable: true),
                    FieldMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuardianNeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Transcript = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PhotoAlt = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Themes = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TextPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Voice = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuardianWho = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GuardianHow = table.Column<int>(type: "INTEGER", nullable: true),
                    GuardianAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GuardianRecordedById = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldForSafety = table.Column<bool>(type: "INTEGER", nullable: false),
                    PersonalDetails = table.Column<bool>(type: "INTEGER", nullable: false),
                    ModerationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ModeratedById = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MediaDeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Testimonies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Testimonies_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Testimonies_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalTestimonies",
                columns: table => new
                {
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    TestimonyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ById = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalTestimonies", x => new { x.ProposalId, x.TestimonyId });
                    table.ForeignKey(
                        name: "FK_ProposalTestimonies_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProposalTestimonies_Testimonies_TestimonyId",
                        column: x => x.TestimonyId,
                        principalTable: "Testimonies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TestimonyMedia",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TestimonyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Width = table.Column<int>(type: "INTEGER", nullable: true),
                    Height = table.Column<int>(type: "INTEGER", nullable: true),
                    Blurred = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TestimonyMedia", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TestimonyMedia_Testimonies_TestimonyId",
                        column: x => x.TestimonyId,
                        principalTable: "Testimonies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_CreatedById",
                table: "Campaigns",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Slug",
                table: "Campaigns",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalTestimonies_TestimonyId",
                table: "ProposalTestimonies",
                column: "TestimonyId");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_CampaignId_Status_ReceivedAt",
                table: "Testimonies",
                columns: new[] { "CampaignId", "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_ClientId",
                table: "Testimonies",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_MemberId",
                table: "Testimonies",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_Status_ReceivedAt",
                table: "Testimonies",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Testimonies_WithdrawalCodeHash",
                table: "Testimonies",
                column: "WithdrawalCodeHash");

            migrationBuilder.CreateIndex(
                name: "IX_TestimonyMedia_FileName",
                table: "TestimonyMedia",
                column: "FileName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TestimonyMedia_TestimonyId",
                table: "TestimonyMedia",
                column: "TestimonyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProposalTestimonies");

            migrationBuilder.DropTable(
                name: "TestimonyMedia");

            migrationBuilder.DropTable(
                name: "Testimonies");

            migrationBuilder.DropTable(
                name: "Campaigns");
        }
    }
}
