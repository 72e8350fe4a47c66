package com.epicorups.model;

/**
 * What customs needs about a release's goods, as Epicor has it (null where Epicor has nothing).
 *
 * @param htsCode       Part.HTS, else Part.CommodityCode, separators removed (the invoice's CommodityCode)
 * @param originCountry ISO code of the Country row Part.ISOrigCountryNum names
 * @param originCountryNum Part.ISOrigCountryNum as read (0: none), to name it when no country was found
 * @param eccn          Part.ECCNNumber (export control classification)
 * @param exportItn     the order's ITN, from the column epicor.exportItnColumn names on OrderHed
 */
public record PartCustoms(String htsCode, String originCountry, int originCountryNum, String eccn, String exportItn) {
}
