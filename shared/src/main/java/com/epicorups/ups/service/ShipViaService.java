package com.epicorups.ups.service;

import com.epicorups.core.settings.SettingText;
import com.epicorups.core.settings.SettingsBinder;
import com.epicorups.core.settings.TextForm;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The UPS service of one Epicor ShipVia in ups.serviceMap, per destination class: {@code "UPSG": "03"} is one service
 * everywhere (as before issue 20, now checked against each release's lane), {@code "UPSG": {"domestic": "03",
 * "canada": "11", "mexico": "11", "international": "65"}} one per class. A class left out has no service: a release
 * of that class fails SERVICE_NOT_ON_LANE.
 */
public record ShipViaService(String domestic, String canada, String mexico, String international) {

    public ShipViaService {
        domestic = SettingText.trimmedOrNull(domestic);
        canada = SettingText.trimmedOrNull(canada);
        mexico = SettingText.trimmedOrNull(mexico);
        international = SettingText.trimmedOrNull(international);
    }

    /** For the settings reader: the components in declaration order. */
    private ShipViaService(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next());
    }

    /** One service for every destination class (the plain {@code "UPSG": "03"} form). */
    @TextForm
    public static ShipViaService of(String code) {
        String trimmed = code.trim();
        return new ShipViaService(trimmed, trimmed, trimmed, trimmed);
    }

    /** The service for a destination class, or null when none is configured for it. */
    public String forClass(DestinationClass destination) {
        return switch (destination) {
            case DOMESTIC -> domestic;
            case CANADA -> canada;
            case MEXICO -> mexico;
            case INTERNATIONAL -> international;
        };
    }

    /** Whether it is one service everywhere, the plain form. */
    public boolean uniform() {
        return domestic != null && domestic.equals(canada) && domestic.equals(mexico) && domestic.equals(international);
    }

    /** The configured codes, for the settings checks. */
    List<String> codes() {
        return Stream.of(domestic, canada, mexico, international).filter(Objects::nonNull).toList();
    }

    /** Each problem of the entry {@code where} (ups.serviceMap.UPSG) to {@code problems}. */
    public void check(String where, List<String> problems) {
        if (codes().isEmpty()) {
            problems.add(where + " names no service: give one UPS service code, or one per destination class "
                    + "(domestic, canada, mexico, international)");
        }
        for (DestinationClass c : DestinationClass.values()) {
            String code = forClass(c);
            if (code != null && !code.matches("[0-9A-Za-z]{2,3}")) {
                problems.add(uniform() ? where + " is not a UPS service code: '" + code + "'"
                        : where + "." + c.key() + " is not a UPS service code: '" + code + "'");
                if (uniform()) {
                    return;
                }
            }
        }
    }
}
