using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KeptForecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fc_kept",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MadeOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Forecast = table.Column<long>(type: "bigint", nullable: false),
                    Lower80 = table.Column<long>(type: "bigint", nullable: false),
                    Upper80 = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fc_kept", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fc_kept_MadeOn_Method_Month",
                table: "fc_kept",
                columns: new[] { "MadeOn", "Method", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fc_kept_Month",
                table: "fc_kept",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fc_kept");
        }
    }
}
