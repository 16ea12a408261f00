using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ForecastCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "exe_opportunities",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fc_calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: true),
                    Week = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Commit = table.Column<long>(type: "INTEGER", nullable: false),
                    BestCase = table.Column<long>(type: "INTEGER", nullable: false),
                    RollupCommit = table.Column<long>(type: "INTEGER", nullable: false),
                    RollupBestCase = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AdjustReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fc_calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fc_calls_org_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_fc_calls_org_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "org_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fc_calls_PersonId_Year_Quarter",
                table: "fc_calls",
                columns: new[] { "PersonId", "Year", "Quarter" });

            migrationBuilder.CreateIndex(
                name: "IX_fc_calls_TeamId",
                table: "fc_calls",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_fc_calls_Year_Quarter_Week",
                table: "fc_calls",
                columns: new[] { "Year", "Quarter", "Week" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fc_calls");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "exe_opportunities");
        }
    }
}
