using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Contracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContractId",
                table: "sales_order_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "exe_contract_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProductLineCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Tier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Terms = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    PaymentTermsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_contract_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exe_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "uuid", nullable: true),
                    TemplateCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    NonStandardTerms = table.Column<bool>(type: "boolean", nullable: false),
                    TermsNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    ListAmount = table.Column<long>(type: "bigint", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_contracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_contracts_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_contracts_exe_opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "exe_opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_contracts_org_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "org_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_contracts_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_contract_approvals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_contract_approvals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_contract_approvals_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exe_contract_lines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    ListPrice = table.Column<long>(type: "bigint", nullable: false),
                    Discount = table.Column<long>(type: "bigint", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_contract_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_contract_lines_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_exe_contract_lines_org_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "org_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_contract_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActualOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_contract_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_contract_milestones_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exe_payment_nodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    MilestoneId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_payment_nodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_payment_nodes_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_invoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_invoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_invoices_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_invoices_exe_payment_nodes_InstalmentId",
                        column: x => x.InstalmentId,
                        principalTable: "exe_payment_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_payments_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_payments_exe_payment_nodes_InstalmentId",
                        column: x => x.InstalmentId,
                        principalTable: "exe_payment_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "exe_contract_templates",
                columns: new[] { "Id", "Code", "CreatedAt", "CreatedBy", "Name", "PaymentTermsJson", "ProductLineCode", "Terms", "Tier", "Version" },
                values: new object[,]
                {
                    { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e10"), "STD", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", "标准销售合同", "[{\"name\":\"预付款\",\"share\":0.30,\"daysAfterSigning\":0,\"milestone\":null},{\"name\":\"上线款\",\"share\":0.60,\"daysAfterSigning\":60,\"milestone\":\"系统上线\"},{\"name\":\"验收款\",\"share\":0.10,\"daysAfterSigning\":120,\"milestone\":\"最终验收\"}]", null, "标准条款:付款 30% 预付款、60% 系统上线后、10% 最终验收后;验收期 30 天;质保 12 个月;违约金上限为合同金额的 10%。", null, 1 },
                    { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e11"), "KA", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", "战略客户框架合同", "[{\"name\":\"预付款\",\"share\":0.20,\"daysAfterSigning\":0,\"milestone\":null},{\"name\":\"上线款\",\"share\":0.50,\"daysAfterSigning\":90,\"milestone\":\"系统上线\"},{\"name\":\"验收款\",\"share\":0.30,\"daysAfterSigning\":180,\"milestone\":\"最终验收\"}]", null, "A 类客户(VIP 1 对 1 服务):付款 20% 预付款、50% 系统上线后、30% 最终验收后;验收期 60 天;质保 24 个月;专属客户成功经理。", "A", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_ContractId",
                table: "sales_order_lines",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contract_approvals_ContractId",
                table: "exe_contract_approvals",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contract_approvals_Decision",
                table: "exe_contract_approvals",
                column: "Decision");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contract_lines_ContractId",
                table: "exe_contract_lines",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contract_lines_ProductId",
                table: "exe_contract_lines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contract_milestones_ContractId",
                table: "exe_contract_milestones",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contract_templates_Code_Version",
                table: "exe_contract_templates",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exe_contracts_AccountId",
                table: "exe_contracts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contracts_ChannelId",
                table: "exe_contracts",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contracts_Number",
                table: "exe_contracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exe_contracts_OpportunityId",
                table: "exe_contracts",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contracts_OwnerId",
                table: "exe_contracts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_contracts_Status_OwnerId",
                table: "exe_contracts",
                columns: new[] { "Status", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_invoices_ContractId",
                table: "exe_invoices",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_invoices_InstalmentId",
                table: "exe_invoices",
                column: "InstalmentId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_invoices_Number",
                table: "exe_invoices",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exe_payment_nodes_ContractId_Seq",
                table: "exe_payment_nodes",
                columns: new[] { "ContractId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exe_payment_nodes_DueOn",
                table: "exe_payment_nodes",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_exe_payments_ContractId",
                table: "exe_payments",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_payments_InstalmentId_ReceivedOn",
                table: "exe_payments",
                columns: new[] { "InstalmentId", "ReceivedOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_sales_order_lines_exe_contracts_ContractId",
                table: "sales_order_lines",
                column: "ContractId",
                principalTable: "exe_contracts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_sales_order_lines_exe_contracts_ContractId",
                table: "sales_order_lines");

            migrationBuilder.DropTable(
                name: "exe_contract_approvals");

            migrationBuilder.DropTable(
                name: "exe_contract_lines");

            migrationBuilder.DropTable(
                name: "exe_contract_milestones");

            migrationBuilder.DropTable(
                name: "exe_contract_templates");

            migrationBuilder.DropTable(
                name: "exe_invoices");

            migrationBuilder.DropTable(
                name: "exe_payments");

            migrationBuilder.DropTable(
                name: "exe_payment_nodes");

            migrationBuilder.DropTable(
                name: "exe_contracts");

            migrationBuilder.DropIndex(
                name: "IX_sales_order_lines_ContractId",
                table: "sales_order_lines");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "sales_order_lines");
        }
    }
}
