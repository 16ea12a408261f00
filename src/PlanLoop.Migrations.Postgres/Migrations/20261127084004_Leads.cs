using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Leads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exe_leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Employees = table.Column<int>(type: "integer", nullable: true),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    IcpScore = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DisqualifyReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WorkedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConvertedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_leads_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_exe_leads_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_leads_org_regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "org_regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_AccountId",
                table: "exe_leads",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_CreatedOn",
                table: "exe_leads",
                column: "CreatedOn");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_OwnerId_Status",
                table: "exe_leads",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_RegionId",
                table: "exe_leads",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_Status_CreatedOn",
                table: "exe_leads",
                columns: new[] { "Status", "CreatedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exe_leads");
        }
    }
}
