package com.epicorups.model;

/** The two package-weight units UPS accepts. */
public enum WeightUnit {
    LBS, KGS
}
