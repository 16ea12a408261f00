using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScenariosAndBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "opt_budgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opt_budgets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "opt_scenarios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opt_scenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "opt_budget_lines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LastSpend = table.Column<long>(type: "bigint", nullable: false),
                    LastRevenue = table.Column<long>(type: "bigint", nullable: false),
                    Min = table.Column<long>(type: "bigint", nullable: false),
                    Max = table.Column<long>(type: "bigint", nullable: false),
                    MarginRate = table.Column<long>(type: "bigint", nullable: false),
                    HeadCost = table.Column<long>(type: "bigint", nullable: true),
                    Curve = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opt_budget_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opt_budget_lines_opt_budgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "opt_budgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opt_scenario_changes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Driver = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProductLine = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ScenarioId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opt_scenario_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opt_scenario_changes_opt_scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "opt_scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_opt_budget_lines_BudgetId",
                table: "opt_budget_lines",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_opt_budgets_Year_Name",
                table: "opt_budgets",
                columns: new[] { "Year", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opt_scenario_changes_ScenarioId",
                table: "opt_scenario_changes",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_opt_scenarios_Year_Name",
                table: "opt_scenarios",
                columns: new[] { "Year", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "opt_budget_lines");

            migrationBuilder.DropTable(
                name: "opt_scenario_changes");

            migrationBuilder.DropTable(
                name: "opt_budgets");

            migrationBuilder.DropTable(
                name: "opt_scenarios");
        }
    }
}
