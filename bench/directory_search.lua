-- wrk script: a realistic mix of directory searches through the Open Referral API.
-- Each connection walks the list in turn, so every query is exercised under load.
local queries = {
  "/api/v1/services?crime_type=domestic_abuse&local_authority=E08000012",
  "/api/v1/services?search=support",
  "/api/v1/services?local_authority=E08000003&page=2",
  "/api/v1/services?crime_type=hate_crime",
  "/api/v1/services?search=counselling&local_authority=E07000199",
  "/api/v1/services?crime_type=sexual_violence&local_authority=E08000001&per_page=10",
  "/api/v1/services",
  "/api/v1/services?crime_type=fraud_and_cyber_crime&search=advice",
}
local i = 0
request = function()
  i = (i % #queries) + 1
  return wrk.format("GET", queries[i])
end
