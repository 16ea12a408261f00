using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountLapsedAndUserDisabled : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Lapsed",
                table: "cust_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "DisabledAt",
                table: "auth_users",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Lapsed",
                table: "cust_accounts");

            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "auth_users");
        }
    }
}
