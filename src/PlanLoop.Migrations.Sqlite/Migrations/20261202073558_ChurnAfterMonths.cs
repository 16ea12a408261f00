using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChurnAfterMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChurnAfterMonths",
                table: "cust_tier_policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 12); // every saved policy so far: a year without an order

            migrationBuilder.UpdateData(
                table: "cust_tier_policies",
                keyColumn: "Id",
                keyValue: new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e01"),
                column: "ChurnAfterMonths",
                value: 12);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChurnAfterMonths",
                table: "cust_tier_policies");
        }
    }
}
