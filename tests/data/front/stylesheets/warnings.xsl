<?xml version="1.0" encoding="UTF-8"?>
<!-- Test stylesheet: compiles with two libxslt warnings (reported by
     libxslt in the same words as errors) and still transforms. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                exclude-result-prefixes="nosuch">
  <xsl:template match="/"><out><xsl:value-of select="1" disable-output-escaping="maybe"/></out></xsl:template>
</xsl:stylesheet>
