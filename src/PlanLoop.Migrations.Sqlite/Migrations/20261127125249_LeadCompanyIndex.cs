using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeadCompanyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_Company",
                table: "exe_leads",
                column: "Company");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_exe_leads_Company",
                table: "exe_leads");
        }
    }
}
