using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PlanLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_import_mappings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MappingJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_import_mappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "app_saved_views",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Page = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_saved_views", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    EntityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "auth_roles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "auth_sessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "auth_users",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: false),
                    AmountStyle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisabledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_health_models",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    PurchaseWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    SatisfactionWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentWeight = table.Column<long>(type: "INTEGER", nullable: false),
                    HealthyFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    WatchFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivityNormA = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityNormB = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityNormC = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_health_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_icp_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CriteriaJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_icp_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_job_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Accounts = table.Column<int>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    TierChanges = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUps = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_job_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_tier_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AMinimumPurchase = table.Column<long>(type: "INTEGER", nullable: false),
                    CBelowPurchase = table.Column<long>(type: "INTEGER", nullable: false),
                    AMinimumChainDepth = table.Column<int>(type: "INTEGER", nullable: true),
                    AServiceModel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AAccountsPerAdvisor = table.Column<int>(type: "INTEGER", nullable: false),
                    ACycleMinDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ACycleMaxDays = table.Column<int>(type: "INTEGER", nullable: false),
                    BServiceModel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BAccountsPerAdvisor = table.Column<int>(type: "INTEGER", nullable: false),
                    BCycleMinDays = table.Column<int>(type: "INTEGER", nullable: false),
                    BCycleMaxDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CServiceModel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CAccountsPerAdvisor = table.Column<int>(type: "INTEGER", nullable: false),
                    CCycleMinDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CCycleMaxDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ChurnAfterMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_tier_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exe_calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_calendar_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "exe_contract_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProductLineCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PaymentTermsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_contract_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exe_sales_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_sales_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "imp_aliases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imp_aliases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_channels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_channels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_product_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_product_lines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_regions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_regions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "org_teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PlannedHeadcount = table.Column<int>(type: "INTEGER", nullable: false),
                    Responsibility = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plan_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "auth_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_auth_role_claims_auth_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "auth_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_user_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_user_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_auth_user_claims_auth_users_UserId",
                        column: x => x.UserId,
                        principalTable: "auth_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_user_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_user_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_auth_user_logins_auth_users_UserId",
                        column: x => x.UserId,
                        principalTable: "auth_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_user_roles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_user_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_auth_user_roles_auth_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "auth_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_auth_user_roles_auth_users_UserId",
                        column: x => x.UserId,
                        principalTable: "auth_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_user_tokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_auth_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_auth_user_tokens_auth_users_UserId",
                        column: x => x.UserId,
                        principalTable: "auth_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "org_products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProductLineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    GrossMargin = table.Column<long>(type: "INTEGER", nullable: true),
                    ListPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_org_products_org_product_lines_ProductLineId",
                        column: x => x.ProductLineId,
                        principalTable: "org_product_lines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "org_people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ManagerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_people", x => x.Id);
                    table.ForeignKey(
                        name: "FK_org_people_org_people_ManagerId",
                        column: x => x.ManagerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_org_people_org_regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "org_regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_org_people_org_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "org_teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CopiedFromId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_versions_plan_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "plan_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    Revenue = table.Column<long>(type: "INTEGER", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AdvisorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Lapsed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HealthScore = table.Column<long>(type: "INTEGER", nullable: true),
                    HealthBand = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HealthAsOf = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IcpScore = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "plan_breakdowns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kpi = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_breakdowns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_breakdowns_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_channel_levers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: true),
                    OutputPerUnit = table.Column<long>(type: "INTEGER", nullable: true),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_channel_levers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_channel_levers_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_kpis",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kpi = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Baseline = table.Column<long>(type: "INTEGER", nullable: true),
                    Target = table.Column<long>(type: "INTEGER", nullable: true),
                    StatedGrowth = table.Column<long>(type: "INTEGER", nullable: true),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_kpis", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_kpis_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_pyramid_levels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Share = table.Column<long>(type: "INTEGER", nullable: false),
                    GrossMargin = table.Column<long>(type: "INTEGER", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_pyramid_levels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_pyramid_levels_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_strategy_goals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_strategy_goals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_strategy_goals_plan_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "plan_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Score = table.Column<long>(type: "INTEGER", nullable: false),
                    Band = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Activity = table.Column<long>(type: "INTEGER", nullable: false),
                    Purchases = table.Column<long>(type: "INTEGER", nullable: false),
                    Satisfaction = table.Column<long>(type: "INTEGER", nullable: false),
                    Payment = table.Column<long>(type: "INTEGER", nullable: true),
                    ModelVersion = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromTier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ToTier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ReasonEn = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "exe_leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IcpScore = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DisqualifyReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WorkedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConvertedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_leads_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_exe_leads_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_leads_org_regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "org_regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_opportunities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpectedClose = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StageCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Probability = table.Column<long>(type: "INTEGER", nullable: false),
                    StageEnteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProposalSentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LostReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WinningCompetitor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Competitors = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    BantTotal = table.Column<int>(type: "INTEGER", nullable: true),
                    BantBudget = table.Column<int>(type: "INTEGER", nullable: true),
                    BantAuthority = table.Column<int>(type: "INTEGER", nullable: true),
                    BantNeed = table.Column<int>(type: "INTEGER", nullable: true),
                    BantTimeline = table.Column<int>(type: "INTEGER", nullable: true),
                    BantQualified = table.Column<bool>(type: "INTEGER", nullable: false),
                    OverrideBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_opportunities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_opportunities_cust_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "cust_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_opportunities_org_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "org_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_exe_opportunities_org_people_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "org_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_breakdown_parts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Member = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Share = table.Column<long>(type: "INTEGER", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    BreakdownId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_breakdown_parts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_breakdown_parts_plan_breakdowns_BreakdownId",
                        column: x => x.BreakdownId,
                        principalTable: "plan_breakdowns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "exe_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TemplateCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    NonStandardTerms = table.Column<bool>(type: "INTEGER", nullable: false),
                    TermsNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ListAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "exe_opportunity_lines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    ListPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Discount = table.Column<long>(type: "INTEGER", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_opportunity_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_opportunity_lines_exe_opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "exe_opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_exe_opportunity_lines_org_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "org_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exe_opportunity_moves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    From = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exe_opportunity_moves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exe_opportunity_moves_exe_opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "exe_opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exe_contract_approvals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    ListPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Discount = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActualOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcceptedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    MilestoneId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                name: "sales_order_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BookedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductLineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                        name: "FK_sales_order_lines_exe_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "exe_contracts",
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
                name: "exe_invoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                table: "cust_health_models",
                columns: new[] { "Id", "ActivityNormA", "ActivityNormB", "ActivityNormC", "ActivityWeight", "CreatedAt", "CreatedBy", "HealthyFrom", "PaymentWeight", "PurchaseWeight", "SatisfactionWeight", "Version", "WatchFrom" },
                values: new object[] { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e02"), 12, 4, 2, 10000L, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", 700000L, 10000L, 10000L, 10000L, 1, 400000L });

            migrationBuilder.InsertData(
                table: "cust_tier_policies",
                columns: new[] { "Id", "AAccountsPerAdvisor", "ACycleMaxDays", "ACycleMinDays", "AMinimumChainDepth", "AMinimumPurchase", "AServiceModel", "BAccountsPerAdvisor", "BCycleMaxDays", "BCycleMinDays", "BServiceModel", "CAccountsPerAdvisor", "CBelowPurchase", "CCycleMaxDays", "CCycleMinDays", "CServiceModel", "ChurnAfterMonths", "CreatedAt", "CreatedBy", "Version" },
                values: new object[] { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e01"), 1, 90, 60, null, 50000000000L, "VIP 1对1顾问制", 10, 45, 30, "1对10社群制", 10, 10000000000L, 30, 15, "1对10社群制", 12, new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", 1 });

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

            migrationBuilder.InsertData(
                table: "exe_contract_templates",
                columns: new[] { "Id", "Code", "CreatedAt", "CreatedBy", "Name", "PaymentTermsJson", "ProductLineCode", "Terms", "Tier", "Version" },
                values: new object[,]
                {
                    { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e10"), "STD", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", "标准销售合同", "[{\"name\":\"预付款\",\"share\":0.30,\"daysAfterSigning\":0,\"milestone\":null},{\"name\":\"上线款\",\"share\":0.60,\"daysAfterSigning\":60,\"milestone\":\"系统上线\"},{\"name\":\"验收款\",\"share\":0.10,\"daysAfterSigning\":120,\"milestone\":\"最终验收\"}]", null, "标准条款:付款 30% 预付款、60% 系统上线后、10% 最终验收后;验收期 30 天;质保 12 个月;违约金上限为合同金额的 10%。", null, 1 },
                    { new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e11"), "KA", new DateTime(2024, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "PlanLoop", "战略客户框架合同", "[{\"name\":\"预付款\",\"share\":0.20,\"daysAfterSigning\":0,\"milestone\":null},{\"name\":\"上线款\",\"share\":0.50,\"daysAfterSigning\":90,\"milestone\":\"系统上线\"},{\"name\":\"验收款\",\"share\":0.30,\"daysAfterSigning\":180,\"milestone\":\"最终验收\"}]", null, "A 类客户(VIP 1 对 1 服务):付款 20% 预付款、50% 系统上线后、30% 最终验收后;验收期 60 天;质保 24 个月;专属客户成功经理。", "A", 1 }
                });

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
                name: "IX_audit_entries_Entity_EntityId_At",
                table: "audit_entries",
                columns: new[] { "Entity", "EntityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_auth_role_claims_RoleId",
                table: "auth_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "auth_roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_auth_sessions_ExpiresAt",
                table: "auth_sessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_auth_sessions_UserId",
                table: "auth_sessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_auth_user_claims_UserId",
                table: "auth_user_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_auth_user_logins_UserId",
                table: "auth_user_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_auth_user_roles_RoleId",
                table: "auth_user_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "auth_users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "auth_users",
                column: "NormalizedUserName",
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
                name: "IX_cust_accounts_ExternalId",
                table: "cust_accounts",
                column: "ExternalId",
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
                name: "IX_exe_leads_AccountId",
                table: "exe_leads",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_Company",
                table: "exe_leads",
                column: "Company");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_CreatedOn",
                table: "exe_leads",
                column: "CreatedOn");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_ExternalId",
                table: "exe_leads",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_OwnerId_Status",
                table: "exe_leads",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_RegionId",
                table: "exe_leads",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_leads_Status_CreatedOn",
                table: "exe_leads",
                columns: new[] { "Status", "CreatedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_AccountId",
                table: "exe_opportunities",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_ChannelId",
                table: "exe_opportunities",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_ExternalId",
                table: "exe_opportunities",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_OwnerId_StageCode",
                table: "exe_opportunities",
                columns: new[] { "OwnerId", "StageCode" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunities_StageCode_ExpectedClose",
                table: "exe_opportunities",
                columns: new[] { "StageCode", "ExpectedClose" });

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunity_lines_OpportunityId",
                table: "exe_opportunity_lines",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunity_lines_ProductId",
                table: "exe_opportunity_lines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_exe_opportunity_moves_OpportunityId",
                table: "exe_opportunity_moves",
                column: "OpportunityId");

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

            migrationBuilder.CreateIndex(
                name: "IX_exe_sales_settings_Version",
                table: "exe_sales_settings",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_imp_aliases_Kind_Alias",
                table: "imp_aliases",
                columns: new[] { "Kind", "Alias" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_channels_Code",
                table: "org_channels",
                column: "Code",
                unique: true);

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
                name: "IX_org_people_RegionId",
                table: "org_people",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_org_people_TeamId",
                table: "org_people",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_org_product_lines_Code",
                table: "org_product_lines",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_products_Code",
                table: "org_products",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_products_ProductLineId",
                table: "org_products",
                column: "ProductLineId");

            migrationBuilder.CreateIndex(
                name: "IX_org_regions_Code",
                table: "org_regions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_teams_Code",
                table: "org_teams",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_breakdown_parts_BreakdownId",
                table: "plan_breakdown_parts",
                column: "BreakdownId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_breakdowns_VersionId",
                table: "plan_breakdowns",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_channel_levers_VersionId",
                table: "plan_channel_levers",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_kpis_VersionId",
                table: "plan_kpis",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_plans_Name",
                table: "plan_plans",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_pyramid_levels_VersionId",
                table: "plan_pyramid_levels",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_strategy_goals_VersionId",
                table: "plan_strategy_goals",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_versions_PlanId_Number",
                table: "plan_versions",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_AccountId_BookedOn",
                table: "sales_order_lines",
                columns: new[] { "AccountId", "BookedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_ChannelId",
                table: "sales_order_lines",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_ContractId",
                table: "sales_order_lines",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_lines_monitoring",
                table: "sales_order_lines",
                columns: new[] { "BookedOn", "Amount", "AccountId", "RegionId", "ProductLineId", "ChannelId", "OwnerId" });

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
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "auth_role_claims");

            migrationBuilder.DropTable(
                name: "auth_sessions");

            migrationBuilder.DropTable(
                name: "auth_user_claims");

            migrationBuilder.DropTable(
                name: "auth_user_logins");

            migrationBuilder.DropTable(
                name: "auth_user_roles");

            migrationBuilder.DropTable(
                name: "auth_user_tokens");

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
                name: "exe_calendar_days");

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
                name: "exe_leads");

            migrationBuilder.DropTable(
                name: "exe_opportunity_lines");

            migrationBuilder.DropTable(
                name: "exe_opportunity_moves");

            migrationBuilder.DropTable(
                name: "exe_payments");

            migrationBuilder.DropTable(
                name: "exe_sales_settings");

            migrationBuilder.DropTable(
                name: "imp_aliases");

            migrationBuilder.DropTable(
                name: "plan_breakdown_parts");

            migrationBuilder.DropTable(
                name: "plan_channel_levers");

            migrationBuilder.DropTable(
                name: "plan_kpis");

            migrationBuilder.DropTable(
                name: "plan_pyramid_levels");

            migrationBuilder.DropTable(
                name: "plan_strategy_goals");

            migrationBuilder.DropTable(
                name: "sales_order_lines");

            migrationBuilder.DropTable(
                name: "auth_roles");

            migrationBuilder.DropTable(
                name: "auth_users");

            migrationBuilder.DropTable(
                name: "cust_contacts");

            migrationBuilder.DropTable(
                name: "exe_payment_nodes");

            migrationBuilder.DropTable(
                name: "plan_breakdowns");

            migrationBuilder.DropTable(
                name: "org_products");

            migrationBuilder.DropTable(
                name: "exe_contracts");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropTable(
                name: "org_product_lines");

            migrationBuilder.DropTable(
                name: "exe_opportunities");

            migrationBuilder.DropTable(
                name: "plan_plans");

            migrationBuilder.DropTable(
                name: "cust_accounts");

            migrationBuilder.DropTable(
                name: "org_channels");

            migrationBuilder.DropTable(
                name: "org_people");

            migrationBuilder.DropTable(
                name: "org_regions");

            migrationBuilder.DropTable(
                name: "org_teams");
        }
    }
}
