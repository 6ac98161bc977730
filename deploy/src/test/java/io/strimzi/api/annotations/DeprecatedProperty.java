package io.strimzi.api.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Same name as Strimzi's marker of deprecated properties, which io.strimzi:api's classes carry but which is not
 * published on Maven Central; only its presence is read (see org.greenwave.deploy.StrictModels).
 */
@Retention(RetentionPolicy.RUNTIME)
public @interface DeprecatedProperty {
}
