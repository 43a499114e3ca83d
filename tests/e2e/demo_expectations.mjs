// What the browser tests expect from the demo directory. Filled in from config/areas/*/directory.json
// once that data lands; until then only the filter properties are checked, not named services.
export function demoExpectations() {
  return {
    crimeType: 'Domestic abuse',
    crimeTypeIncludes: [],
    crimeTypeExcludes: [],
    area: 'Liverpool',
    otherArea: 'Stoke-on-Trent',
    areaIncludes: [],
    areaExcludes: [],
    bothIncludes: [],
    keywords: 'victim',
    keywordsFind: 'victim',
  };
}
