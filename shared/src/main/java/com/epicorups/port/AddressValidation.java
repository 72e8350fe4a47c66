package com.epicorups.port;

import com.epicorups.model.Address;

public interface AddressValidation {
    AddressCheck validate(Address shipTo);
}
