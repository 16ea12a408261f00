# Reference ARIMA fits from R's forecast package for the ARIMA tests (log of each training series, no season).
# Run from the repository root:  Rscript tests/PlanLoop.Domain.Tests/Forecasting/Fixtures/make-arima-fixtures.R
# Needs r-cran-forecast (Debian). Writes r-arima.csv beside this script.
suppressMessages(library(forecast))
d <- read.csv("data/m3/m3-monthly.csv", stringsAsFactors = FALSE)
ids <- c("N1402", "N1500", "N1650", "N1900", "N2300", "N2801")
orders <- list(c(0, 1, 1, 1), c(1, 1, 1, 1), c(2, 0, 0, 1), c(1, 1, 0, 0), c(0, 2, 2, 0), c(2, 1, 2, 1))
num <- function(s) as.numeric(strsplit(s, " ")[[1]])
rows <- list()
for (id in ids) {
  r <- d[d$series == id, ]
  y <- ts(log(num(r$train)), frequency = 1)
  rows[[length(rows) + 1]] <- c(id, "ndiffs", ndiffs(y, test = "kpss"), "", "", "", "", "", rep("", 18))
  for (o in orders) {
    fit <- tryCatch(Arima(y, order = o[1:3], include.constant = o[4] == 1, method = "CSS-ML"), error = function(e) NULL)
    if (is.null(fit)) next
    f <- forecast(fit, h = 18)
    rows[[length(rows) + 1]] <- c(id, "fit", o[1], o[2], o[3], o[4], sprintf("%.10g", fit$loglik), sprintf("%.10g", fit$sigma2),
                                  sprintf("%.10g", as.numeric(f$mean)))
  }
  auto <- auto.arima(y, seasonal = FALSE, approximation = FALSE)
  o <- arimaorder(auto)
  rows[[length(rows) + 1]] <- c(id, "auto", o[1], o[2], o[3], as.integer(length(grep("drift|intercept", names(coef(auto)))) > 0),
                                sprintf("%.10g", auto$loglik), sprintf("%.10g", auto$aicc), rep("", 18))
}
out <- do.call(rbind, rows)
colnames(out) <- c("series", "kind", "p", "d", "q", "constant", "loglik", "sigma2_or_aicc", paste0("f", 1:18))
write.csv(out, "tests/PlanLoop.Domain.Tests/Forecasting/Fixtures/r-arima.csv", row.names = FALSE, quote = TRUE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
