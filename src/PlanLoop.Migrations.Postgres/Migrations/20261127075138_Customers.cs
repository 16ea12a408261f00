using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Customers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_import_mappings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MappingJson = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_import_mappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "app_saved_views",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Page = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_saved_views", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Employees = table.Column<int>(type: "integer", nullable: true),
                    Revenue = table.Column<long>(type: "bigint", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    AdvisorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Tier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HealthScore = table.Column<long>(type: "bigint", nullable: true),
                    HealthBand = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HealthAsOf = table.Column<DateOnly>(type: "date", nullable: true),
                    IcpScore = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_accounts_cust_accounts_ParentId",
                        column: x => x.ParentId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cust_accounts_org_people_AdvisorId",
                        column: x => x.AdvisorId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cust_accounts_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cust_accounts_org_regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "org_regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cust_health_models",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ActivityWeight = table.Column<long>(type: "bigint", nullable: false),
                    PurchaseWeight = table.Column<long>(type: "bigint", nullable: false),
                    SatisfactionWeight = table.Column<long>(type: "bigint", nullable: false),
                    PaymentWeight = table.Column<long>(type: "bigint", nullable: false),
                    HealthyFrom = table.Column<long>(type: "bigint", nullable: false),
                    WatchFrom = table.Column<long>(type: "bigint", nullable: false),
                    ActivityNormA = table.Column<int>(type: "integer", nullable: false),
                    ActivityNormB = table.Column<int>(type: "integer", nullable: false),
                    ActivityNormC = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_health_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_icp_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CriteriaJson = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_icp_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_job_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Accounts = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    TierChanges = table.Column<int>(type: "integer", nullable: false),
                    FollowUps = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_job_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_tier_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AMinimumPurchase = table.Column<long>(type: "bigint", nullable: false),
                    CBelowPurchase = table.Column<long>(type: "bigint", nullable: false),
                    AMinimumChainDepth = table.Column<int>(type: "integer", nullable: true),
                    AServiceModel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AAccountsPerAdvisor = table.Column<int>(type: "integer", nullable: false),
                    ACycleMinDays = table.Column<int>(type: "integer", nullable: false),
                    ACycleMaxDays = table.Column<int>(type: "integer", nullable: false),
                    BServiceModel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BAccountsPerAdvisor = table.Column<int>(type: "integer", nullable: false),
                    BCycleMinDays = table.Column<int>(type: "integer", nullable: false),
                    BCycleMaxDays = table.Column<int>(type: "integer", nullable: false),
                    CServiceModel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CAccountsPerAdvisor = table.Column<int>(type: "integer", nullable: false),
                    CCycleMinDays = table.Column<int>(type: "integer", nullable: false),
                    CCycleMaxDays = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_tier_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_contacts_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_follow_ups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_follow_ups_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cust_follow_ups_org_people_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cust_health_snapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Score = table.Column<long>(type: "bigint", nullable: false),
                    Band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Activity = table.Column<long>(type: "bigint", nullable: false),
                    Purchases = table.Column<long>(type: "bigint", nullable: false),
                    Satisfaction = table.Column<long>(type: "bigint", nullable: false),
                    Payment = table.Column<long>(type: "bigint", nullable: true),
                    ModelVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_health_snapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_health_snapshots_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_tier_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromTier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ToTier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ReasonEn = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PolicyVersion = table.Column<int>(type: "integer", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_tier_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_tier_changes_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales_order_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    ProductLineId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChannelId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_order_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sales_order_lines_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_order_lines_org_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "org_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_order_lines_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_order_lines_org_product_lines_ProductLineId",
                        column: x => x.ProductLineId,
                        principalTable: "org_product_lines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_order_lines_org_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "org_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sales_order_lines_org_regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "org_regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cust_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_activities_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cust_activities_cust_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "cust_contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_cust_activities_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cust_survey_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_survey_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_survey_answers_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cust_survey_answers_cust_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "cust_contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.InsertData(
                table: "cust_health_models",
                columns: new[] { "Id", "ActivityNormA", "ActivityNormB", "ActivityNormC", "ActivityWeight", "CreatedAt", "CreatedBy", "HealthyFrom", "PaymentWeight", "PurchaseWeight", "SatisfactionWeight", "Version", "WatchFrom" },
                values: new object[] { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e02"), 12, 4, 2, 10000L, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", 700000L, 10000L, 10000L, 10000L, 1, 400000L });

            migrationBuilder.InsertData(
                table: "cust_tier_policies",
                columns: new[] { "Id", "AAccountsPerAdvisor", "ACycleMaxDays", "ACycleMinDays", "AMinimumChainDepth", "AMinimumPurchase", "AServiceModel", "BAccountsPerAdvisor", "BCycleMaxDays", "BCycleMinDays", "BServiceModel", "CAccountsPerAdvisor", "CBelowPurchase", "CCycleMaxDays", "CCycleMinDays", "CServiceModel", "CreatedAt", "CreatedBy", "Version" },
                values: new object[] { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e01"), 1, 90, 60, null, 50000000000L, "VIP 1对1顾问制", 10, 45, 30, "1对10社群制", 10, 10000000000L, 30, 15, "1对10社群制", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", 1 });

            migrationBuilder.CreateIndex(
                name: "IX_app_import_mappings_Kind_Name",
                table: "app_import_mappings",
                columns: new[] { "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_app_saved_views_UserName_Page_Name",
                table: "app_saved_views",
                columns: new[] { "UserName", "Page", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_AdvisorId",
                table: "cust_accounts",
                column: "AdvisorId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_CreditCode",
                table: "cust_accounts",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_NormalizedName",
                table: "cust_accounts",
                column: "NormalizedName");

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_OwnerId",
                table: "cust_accounts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_ParentId",
                table: "cust_accounts",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_RegionId",
                table: "cust_accounts",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_accounts_Tier_HealthBand",
                table: "cust_accounts",
                columns: new[] { "Tier", "HealthBand" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_activities_AccountId_OccurredAt",
                table: "cust_activities",
                columns: new[] { "AccountId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_activities_ContactId",
                table: "cust_activities",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_activities_OwnerId",
                table: "cust_activities",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_AccountId",
                table: "cust_contacts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_follow_ups_AccountId_Kind_Status",
                table: "cust_follow_ups",
                columns: new[] { "AccountId", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_follow_ups_AssigneeId_Status",
                table: "cust_follow_ups",
                columns: new[] { "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_health_models_Version",
                table: "cust_health_models",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_health_snapshots_AccountId_AsOf",
                table: "cust_health_snapshots",
                columns: new[] { "AccountId", "AsOf" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_icp_profiles_Version",
                table: "cust_icp_profiles",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_job_runs_StartedAt",
                table: "cust_job_runs",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cust_survey_answers_AccountId_Kind_AnsweredOn",
                table: "cust_survey_answers",
                columns: new[] { "AccountId", "Kind", "AnsweredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_survey_answers_AnsweredOn",
                table: "cust_survey_answers",
                column: "AnsweredOn");

            migrationBuilder.CreateIndex(
                name: "IX_cust_survey_answers_ContactId",
                table: "cust_survey_answers",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_tier_changes_AccountId_ChangedAt",
                table: "cust_tier_changes",
                columns: new[] { "AccountId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_tier_policies_Version",
                table: "cust_tier_policies",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_AccountId_BookedOn",
                table: "sales_order_lines",
                columns: new[] { "AccountId", "BookedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_BookedOn",
                table: "sales_order_lines",
                column: "BookedOn");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_ChannelId",
                table: "sales_order_lines",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_OrderNumber",
                table: "sales_order_lines",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_OwnerId",
                table: "sales_order_lines",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_ProductId",
                table: "sales_order_lines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_ProductLineId",
                table: "sales_order_lines",
                column: "ProductLineId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_RegionId",
                table: "sales_order_lines",
                column: "RegionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_import_mappings");

            migrationBuilder.DropTable(
                name: "app_saved_views");

            migrationBuilder.DropTable(
                name: "cust_activities");

            migrationBuilder.DropTable(
                name: "cust_follow_ups");

            migrationBuilder.DropTable(
                name: "cust_health_models");

            migrationBuilder.DropTable(
                name: "cust_health_snapshots");

            migrationBuilder.DropTable(
                name: "cust_icp_profiles");

            migrationBuilder.DropTable(
                name: "cust_job_runs");

            migrationBuilder.DropTable(
                name: "cust_survey_answers");

            migrationBuilder.DropTable(
                name: "cust_tier_changes");

            migrationBuilder.DropTable(
                name: "cust_tier_policies");

            migrationBuilder.DropTable(
                name: "sales_order_lines");

            migrationBuilder.DropTable(
                name: "cust_contacts");

            migrationBuilder.DropTable(
                name: "cust_accounts");
        }
    }
}
