using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PlanVersionRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "plan_versions");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "plan_versions",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "plan_versions");

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "plan_versions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }
    }
}
