using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkingCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exe_calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_calendar_days", x => x.Date);
                });

            migrationBuilder.InsertData(
                table: "exe_calendar_days",
                columns: new[] { "Date", "Kind", "Name" },
                values: new object[,]
                {
                    { new DateOnly(2024, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2024, 2, 4), "MakeUpWorkday", "春节" },
                    { new DateOnly(2024, 2, 10), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 11), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 12), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 13), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 14), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 15), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 16), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 17), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 18), "MakeUpWorkday", "春节" },
                    { new DateOnly(2024, 4, 4), "Holiday", "清明节" },
                    { new DateOnly(2024, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2024, 4, 6), "Holiday", "清明节" },
                    { new DateOnly(2024, 4, 7), "MakeUpWorkday", "清明节" },
                    { new DateOnly(2024, 4, 28), "MakeUpWorkday", "劳动节" },
                    { new DateOnly(2024, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 4), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 5), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 11), "MakeUpWorkday", "劳动节" },
                    { new DateOnly(2024, 6, 10), "Holiday", "端午节" },
                    { new DateOnly(2024, 9, 14), "MakeUpWorkday", "中秋节" },
                    { new DateOnly(2024, 9, 15), "Holiday", "中秋节" },
                    { new DateOnly(2024, 9, 16), "Holiday", "中秋节" },
                    { new DateOnly(2024, 9, 17), "Holiday", "中秋节" },
                    { new DateOnly(2024, 9, 29), "MakeUpWorkday", "国庆节" },
                    { new DateOnly(2024, 10, 1), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 2), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 3), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 4), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 5), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 6), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 7), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 12), "MakeUpWorkday", "国庆节" },
                    { new DateOnly(2025, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2025, 1, 26), "MakeUpWorkday", "春节" },
                    { new DateOnly(2025, 1, 28), "Holiday", "春节" },
                    { new DateOnly(2025, 1, 29), "Holiday", "春节" },
                    { new DateOnly(2025, 1, 30), "Holiday", "春节" },
                    { new DateOnly(2025, 1, 31), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 1), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 2), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 3), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 4), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 8), "MakeUpWorkday", "春节" },
                    { new DateOnly(2025, 4, 4), "Holiday", "清明节" },
                    { new DateOnly(2025, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2025, 4, 6), "Holiday", "清明节" },
                    { new DateOnly(2025, 4, 27), "MakeUpWorkday", "劳动节" },
                    { new DateOnly(2025, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 4), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 5), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 31), "Holiday", "端午节" },
                    { new DateOnly(2025, 6, 1), "Holiday", "端午节" },
                    { new DateOnly(2025, 6, 2), "Holiday", "端午节" },
                    { new DateOnly(2025, 9, 28), "MakeUpWorkday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 1), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 2), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 3), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 4), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 5), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 6), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 7), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 8), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 11), "MakeUpWorkday", "国庆节、中秋节" },
                    { new DateOnly(2026, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2026, 1, 2), "Holiday", "元旦" },
                    { new DateOnly(2026, 1, 3), "Holiday", "元旦" },
                    { new DateOnly(2026, 1, 4), "MakeUpWorkday", "元旦" },
                    { new DateOnly(2026, 2, 14), "MakeUpWorkday", "春节" },
                    { new DateOnly(2026, 2, 15), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 16), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 17), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 18), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 19), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 20), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 21), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 22), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 23), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 28), "MakeUpWorkday", "春节" },
                    { new DateOnly(2026, 4, 4), "Holiday", "清明节" },
                    { new DateOnly(2026, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2026, 4, 6), "Holiday", "清明节" },
                    { new DateOnly(2026, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 4), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 5), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 9), "MakeUpWorkday", "劳动节" },
                    { new DateOnly(2026, 6, 19), "Holiday", "端午节" },
                    { new DateOnly(2026, 6, 20), "Holiday", "端午节" },
                    { new DateOnly(2026, 6, 21), "Holiday", "端午节" },
                    { new DateOnly(2026, 9, 20), "MakeUpWorkday", "国庆节" },
                    { new DateOnly(2026, 9, 25), "Holiday", "中秋节" },
                    { new DateOnly(2026, 9, 26), "Holiday", "中秋节" },
                    { new DateOnly(2026, 9, 27), "Holiday", "中秋节" },
                    { new DateOnly(2026, 10, 1), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 2), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 3), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 4), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 5), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 6), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 7), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 10), "MakeUpWorkday", "国庆节" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exe_calendar_days");
        }
    }
}
