using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrderLinesMonitoringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sales_order_lines_BookedOn",
                table: "sales_order_lines");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_monitoring",
                table: "sales_order_lines",
                columns: new[] { "BookedOn", "Amount", "AccountId", "RegionId", "ProductLineId", "ChannelId", "OwnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sales_order_lines_monitoring",
                table: "sales_order_lines");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_BookedOn",
                table: "sales_order_lines",
                column: "BookedOn");
        }
    }
}
