using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PeopleAndExternalIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "org_people",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ManagerId",
                table: "org_people",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "exe_opportunities",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "cust_accounts",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_people_ExternalId",
                table: "org_people",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_people_ManagerId",
                table: "org_people",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_ExternalId",
                table: "exe_opportunities",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_ExternalId",
                table: "cust_accounts",
                column: "ExternalId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_org_people_org_people_ManagerId",
                table: "org_people",
                column: "ManagerId",
                principalTable: "org_people",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_org_people_org_people_ManagerId",
                table: "org_people");

            migrationBuilder.DropIndex(
                name: "IX_org_people_ExternalId",
                table: "org_people");

            migrationBuilder.DropIndex(
                name: "IX_org_people_ManagerId",
                table: "org_people");

            migrationBuilder.DropIndex(
                name: "IX_exe_opportunities_ExternalId",
                table: "exe_opportunities");

            migrationBuilder.DropIndex(
                name: "IX_cust_accounts_ExternalId",
                table: "cust_accounts");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "org_people");

            migrationBuilder.DropColumn(
                name: "ManagerId",
                table: "org_people");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "exe_opportunities");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "cust_accounts");
        }
    }
}
