using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BantAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BantAuthority",
                table: "exe_opportunities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BantBudget",
                table: "exe_opportunities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BantNeed",
                table: "exe_opportunities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BantTimeline",
                table: "exe_opportunities",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BantAuthority",
                table: "exe_opportunities");

            migrationBuilder.DropColumn(
                name: "BantBudget",
                table: "exe_opportunities");

            migrationBuilder.DropColumn(
                name: "BantNeed",
                table: "exe_opportunities");

            migrationBuilder.DropColumn(
                name: "BantTimeline",
                table: "exe_opportunities");
        }
    }
}
