using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Opportunities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exe_opportunities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpectedClose = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StageCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Probability = table.Column<long>(type: "INTEGER", nullable: false),
                    StageEnteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProposalSentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LostReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WinningCompetitor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Competitors = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    BantTotal = table.Column<int>(type: "INTEGER", nullable: true),
                    BantQualified = table.Column<bool>(type: "INTEGER", nullable: false),
                    OverrideBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_opportunities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_opportunities_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_opportunities_org_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "org_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_opportunities_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_opportunity_lines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    ListPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Discount = table.Column<long>(type: "INTEGER", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_opportunity_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_opportunity_lines_exe_opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "exe_opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_exe_opportunity_lines_org_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "org_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_opportunity_moves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    From = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_opportunity_moves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_opportunity_moves_exe_opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "exe_opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_AccountId",
                table: "exe_opportunities",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_ChannelId",
                table: "exe_opportunities",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_OwnerId_StageCode",
                table: "exe_opportunities",
                columns: new[] { "OwnerId", "StageCode" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_StageCode_ExpectedClose",
                table: "exe_opportunities",
                columns: new[] { "StageCode", "ExpectedClose" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunity_lines_OpportunityId",
                table: "exe_opportunity_lines",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunity_lines_ProductId",
                table: "exe_opportunity_lines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunity_moves_OpportunityId",
                table: "exe_opportunity_moves",
                column: "OpportunityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exe_opportunity_lines");

            migrationBuilder.DropTable(
                name: "exe_opportunity_moves");

            migrationBuilder.DropTable(
                name: "exe_opportunities");
        }
    }
}
